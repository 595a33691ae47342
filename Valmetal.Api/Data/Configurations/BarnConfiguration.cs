using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class BarnConfiguration : IEntityTypeConfiguration<Barn>
{
    public void Configure(EntityTypeBuilder<Barn> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.Notes).HasMaxLength(1000);
        builder.HasOne<Farm>().WithMany(f => f.Barns).HasForeignKey(b => b.FarmId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.FarmId, b.Name }).IsUnique();
    }
}
