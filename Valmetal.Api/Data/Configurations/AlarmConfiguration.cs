using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> builder)
    {
        // The telemetry service raises and clears alarms in this table by name (Valmetal.Telemetry/Alarms/AlarmStore.cs).
        builder.ToTable(Tables.Alarms);
        builder.Property(a => a.SerialNumber).HasMaxLength(64);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Source).HasMaxLength(64);
        builder.Property(a => a.Severity).HasMaxLength(16);
        builder.Property(a => a.State).HasMaxLength(16);
        builder.Property(a => a.Message).HasMaxLength(256);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<Equipment>().WithMany().HasForeignKey(a => a.SerialNumber).OnDelete(DeleteBehavior.Cascade);

        // One open alarm per device and condition: replicas raising the same alarm at once insert it once.
        builder.HasIndex(a => new { a.SerialNumber, a.Kind, a.Source }).IsUnique().HasFilter("state <> 'cleared'")
            .HasDatabaseName("ux_alarms_open_condition");
        builder.HasIndex(a => new { a.SerialNumber, a.RaisedAt });
        builder.HasIndex(a => a.State).HasFilter("state <> 'cleared'");
        // What the notifier escalates next: unacknowledged alarms by when their next contact is due.
        builder.HasIndex(a => a.EscalateAt).HasFilter("state = 'active'").HasDatabaseName("ix_alarms_escalate_at");
    }
}
