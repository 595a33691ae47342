using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("equipment_audit");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.SerialNumber).HasMaxLength(64);
        builder.Property(a => a.ActorSub).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.SerialNumber, a.At });
    }
}
