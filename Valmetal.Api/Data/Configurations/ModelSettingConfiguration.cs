using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class ModelSettingConfiguration : IEntityTypeConfiguration<ModelSetting>
{
    public void Configure(EntityTypeBuilder<ModelSetting> builder)
    {
        builder.ToTable(Tables.ModelSettings);
        builder.HasKey(s => new { s.ModelCode, s.Key });
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Type).HasMaxLength(16);
    }
}
