using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable(Tables.Users);
        builder.HasKey(u => u.Sub);
        builder.Property(u => u.Sub).HasMaxLength(64);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Role).HasMaxLength(32);
        builder.Property(u => u.Phone).HasMaxLength(16);
        builder.Property(u => u.Language).HasMaxLength(8);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasMany(u => u.Farms).WithOne().HasForeignKey(m => m.UserSub).OnDelete(DeleteBehavior.Cascade);
    }
}
