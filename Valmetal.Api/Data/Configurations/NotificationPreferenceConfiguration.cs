using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable(Tables.NotificationPreferences);
        builder.HasKey(p => new { p.UserSub, p.FarmId });
        builder.Property(p => p.MinimumSeverity).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserSub).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Farm>().WithMany().HasForeignKey(p => p.FarmId).OnDelete(DeleteBehavior.Cascade);
    }
}
