using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class EscalationContactConfiguration : IEntityTypeConfiguration<EscalationContact>
{
    public void Configure(EntityTypeBuilder<EscalationContact> builder)
    {
        builder.ToTable(Tables.EscalationContacts);
        builder.HasKey(c => new { c.FarmId, c.Position });
        builder.HasIndex(c => new { c.FarmId, c.UserSub }).IsUnique();
        builder.HasOne<Farm>().WithMany().HasForeignKey(c => c.FarmId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserSub).OnDelete(DeleteBehavior.Cascade);
    }
}
