using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.ObjectKey).HasMaxLength(300);
        builder.Property(d => d.UploadedBySub).HasMaxLength(64);
        builder.HasOne<EquipmentModel>().WithMany().HasForeignKey(d => d.ModelCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(d => d.SerialNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MaintenanceLog>().WithMany().HasForeignKey(d => d.MaintenanceLogId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => d.SerialNumber);
        builder.HasIndex(d => d.ModelCode);
    }
}
