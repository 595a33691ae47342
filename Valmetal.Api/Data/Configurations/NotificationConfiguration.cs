using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable(Tables.Notifications);
        builder.Property(n => n.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.Property(n => n.UserSub).HasMaxLength(64);
        builder.Property(n => n.Topic).HasMaxLength(160);
        builder.HasIndex(n => new { n.Address, n.Channel, n.Topic, n.CreatedAt });
        builder.Property(n => n.Address).HasMaxLength(2048);
        builder.Property(n => n.Channel).HasMaxLength(8);
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Status).HasMaxLength(16);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.HasOne<Alarm>().WithMany().HasForeignKey(n => n.AlarmId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Farm>().WithMany().HasForeignKey(n => n.FarmId).OnDelete(DeleteBehavior.SetNull);
        // What a sender claims next, and a user's recent messages (the rate limit and the log).
        builder.HasIndex(n => n.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_notifications_due");
        builder.HasIndex(n => new { n.UserSub, n.CreatedAt });
        builder.HasIndex(n => n.CreatedAt);
    }
}
