using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class FarmMembershipConfiguration : IEntityTypeConfiguration<FarmMembership>
{
    public void Configure(EntityTypeBuilder<FarmMembership> builder)
    {
        builder.HasKey(m => new { m.UserSub, m.FarmId });
        builder.HasOne(m => m.Farm).WithMany().HasForeignKey(m => m.FarmId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.FarmId);
    }
}
