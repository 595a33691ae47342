using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class EquipmentModelConfiguration : IEntityTypeConfiguration<EquipmentModel>
{
    public void Configure(EntityTypeBuilder<EquipmentModel> builder)
    {
        builder.ToTable(Tables.EquipmentModels);
        builder.HasKey(m => m.Code);
        builder.Property(m => m.Code).HasMaxLength(32);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Version).IsRowVersion();
        builder.HasMany(m => m.Metrics).WithOne().HasForeignKey(m => m.ModelCode);
        builder.HasMany(m => m.Settings).WithOne().HasForeignKey(s => s.ModelCode);
    }
}
