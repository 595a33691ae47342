using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.ToTable(Tables.Equipment);
        builder.HasKey(e => e.SerialNumber);
        builder.Property(e => e.SerialNumber).HasMaxLength(64);
        builder.Property(e => e.DisplayName).HasMaxLength(200);
        builder.Property(e => e.Firmware).HasMaxLength(32);
        builder.HasOne(e => e.Model).WithMany().HasForeignKey(e => e.ModelCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Farm).WithMany(f => f.Equipment).HasForeignKey(e => e.FarmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.FarmId);
        // '-infinity' for rows that predate the column (and for inserts by a version that does not set it yet):
        // their whole history belongs to the farm they are on, as it did before moves started to matter.
        builder.Property(e => e.FarmSince).HasDefaultValueSql("'-infinity'::timestamptz");
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasOne(e => e.Barn).WithMany().HasForeignKey(e => e.BarnId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => e.ModelCode);
    }
}
