using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class ModelMetricConfiguration : IEntityTypeConfiguration<ModelMetric>
{
    public void Configure(EntityTypeBuilder<ModelMetric> builder)
    {
        // The telemetry service reads this table by name (Valmetal.Telemetry/Catalogue/CatalogueLoader.cs).
        builder.ToTable(Tables.MetricDefinitions);
        builder.HasKey(m => new { m.ModelCode, m.Key });
        builder.Property(m => m.Key).HasMaxLength(64);
        builder.Property(m => m.DisplayName).HasMaxLength(100);
        builder.Property(m => m.Unit).HasMaxLength(16);
        builder.Property(m => m.DisplayNameFr).HasMaxLength(100);
        builder.Property(m => m.UnitFr).HasMaxLength(16);
    }
}
