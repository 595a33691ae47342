using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class RejectionConfiguration : IEntityTypeConfiguration<RejectionRecord>
{
    public void Configure(EntityTypeBuilder<RejectionRecord> builder)
    {
        // Written by Valmetal.Telemetry/Storage/RejectionStore.cs; owned here so one migration history covers the database.
        builder.ToTable(Tables.RejectionsName, Tables.TelemetrySchema);
        builder.HasKey(r => new { r.Minute, r.Thing, r.Reason });
        builder.Property(r => r.Thing).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(32);
        builder.Property(r => r.Topic).HasMaxLength(256);
        builder.Property(r => r.Detail).HasMaxLength(1024);
        builder.Property(r => r.Samples).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.Thing, r.Minute });
    }
}
