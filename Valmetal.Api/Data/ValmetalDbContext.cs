using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data;

public sealed class ValmetalDbContext(DbContextOptions<ValmetalDbContext> options) : DbContext(options)
{
    public DbSet<Farm> Farms => Set<Farm>();
    public DbSet<EquipmentModel> EquipmentModels => Set<EquipmentModel>();
    public DbSet<ModelMetric> ModelMetrics => Set<ModelMetric>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<RejectedMessageRecord> RejectedMessages => Set<RejectedMessageRecord>();
    public DbSet<AppUser> Users => Set<AppUser>();
    public DbSet<FarmMembership> FarmMemberships => Set<FarmMembership>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ValmetalDbContext).Assembly);
}
