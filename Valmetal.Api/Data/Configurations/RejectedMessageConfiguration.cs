using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class RejectedMessageConfiguration : IEntityTypeConfiguration<RejectedMessageRecord>
{
    public void Configure(EntityTypeBuilder<RejectedMessageRecord> builder)
    {
        // Written by Valmetal.Telemetry/Storage/RejectionStore.cs; owned here so one migration history covers the database.
        builder.ToTable("rejected_messages", "telemetry");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Topic).HasMaxLength(256);
        builder.Property(r => r.Thing).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(32);
        builder.Property(r => r.Detail).HasMaxLength(1024);
        builder.HasIndex(r => r.ReceivedAt);
    }
}
