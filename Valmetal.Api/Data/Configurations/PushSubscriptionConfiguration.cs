using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable(Tables.PushSubscriptions);
        builder.HasKey(s => s.Endpoint);
        builder.Property(s => s.Endpoint).HasMaxLength(2048);
        builder.Property(s => s.P256dh).HasMaxLength(128);
        builder.Property(s => s.Auth).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserSub).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserSub);
    }
}
