using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class MaintenanceLogConfiguration : IEntityTypeConfiguration<MaintenanceLog>
{
    public void Configure(EntityTypeBuilder<MaintenanceLog> builder)
    {
        builder.Property(m => m.SerialNumber).HasMaxLength(64);
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.PerformedBySub).HasMaxLength(64);
        builder.Property(m => m.Notes).HasMaxLength(4000);
        builder.Property(m => m.Parts).HasMaxLength(2000);
        builder.Property(m => m.Version).IsRowVersion();
        builder.HasOne<Equipment>().WithMany().HasForeignKey(m => m.SerialNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MaintenancePlan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.SerialNumber, m.Status });
        // At most one open task per plan and unit, so generating due tasks twice is harmless.
        builder.HasIndex(m => new { m.SerialNumber, m.PlanId }).IsUnique().HasFilter("status = 'Pending' and plan_id is not null");
    }
}
