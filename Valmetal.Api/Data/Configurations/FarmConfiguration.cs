using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Data.Configurations;

public sealed class FarmConfiguration : IEntityTypeConfiguration<Farm>
{
    public void Configure(EntityTypeBuilder<Farm> builder)
    {
        builder.ToTable(Tables.Farms);
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.Address).HasMaxLength(400);
        builder.Property(f => f.TimeZone).HasMaxLength(64);
        builder.Property(f => f.EscalationMinutes).HasDefaultValue(15);
        builder.Property(f => f.Version).IsRowVersion();
    }
}
