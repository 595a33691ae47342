using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class DeviceQuarantineConfiguration : IEntityTypeConfiguration<DeviceQuarantineRecord>
{
    public void Configure(EntityTypeBuilder<DeviceQuarantineRecord> builder)
    {
        // Written by Valmetal.Telemetry/Storage/RejectionStore.cs; every replica reads it (DeviceQuarantine).
        builder.ToTable(Tables.DeviceQuarantineName, Tables.TelemetrySchema);
        builder.HasKey(q => q.Thing);
        builder.Property(q => q.Thing).HasMaxLength(64);
        builder.Property(q => q.Reason).HasMaxLength(256);
        builder.HasIndex(q => q.Until);
    }
}
