using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class DeviceCommandConfiguration : IEntityTypeConfiguration<DeviceCommand>
{
    public void Configure(EntityTypeBuilder<DeviceCommand> builder)
    {
        // The telemetry service records devices' answers in this table by name (Valmetal.Telemetry/Storage/CommandAnswerStore.cs).
        builder.ToTable(Tables.DeviceCommands);
        builder.Property(c => c.SerialNumber).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.Property(c => c.Arguments).HasColumnType("jsonb");
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Detail).HasMaxLength(1024);
        builder.Property(c => c.CreatedBySub).HasMaxLength(64);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(c => c.SerialNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.SerialNumber, c.CreatedAt });
    }
}
