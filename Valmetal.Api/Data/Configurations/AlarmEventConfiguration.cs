using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class AlarmEventConfiguration : IEntityTypeConfiguration<AlarmEvent>
{
    public void Configure(EntityTypeBuilder<AlarmEvent> builder)
    {
        // The telemetry service inserts here by name (Valmetal.Telemetry/Alarms/AlarmStore.cs).
        builder.ToTable(Tables.AlarmEvents, t => t.HasCheckConstraint("ck_alarm_events_subject", "(alarm_id is null) <> (user_sub is null)"));
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.Severity).HasMaxLength(16);
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(e => e.UserSub).HasMaxLength(64);
        builder.HasOne<Alarm>().WithMany().HasForeignKey(e => e.AlarmId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserSub).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.Id).HasFilter("handled_at is null").HasDatabaseName("ix_alarm_events_unhandled");
    }
}
