using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data;

public sealed class ValmetalDbContext(DbContextOptions<ValmetalDbContext> options) : DbContext(options)
{
    public DbSet<Farm> Farms => Set<Farm>();
    public DbSet<EquipmentModel> EquipmentModels => Set<EquipmentModel>();
    public DbSet<ModelMetric> ModelMetrics => Set<ModelMetric>();
    public DbSet<ModelSetting> ModelSettings => Set<ModelSetting>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<RejectionRecord> Rejections => Set<RejectionRecord>();
    public DbSet<DeviceQuarantineRecord> DeviceQuarantines => Set<DeviceQuarantineRecord>();
    public DbSet<AppUser> Users => Set<AppUser>();
    public DbSet<FarmMembership> FarmMemberships => Set<FarmMembership>();
    public DbSet<Barn> Barns => Set<Barn>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();
    public DbSet<MaintenanceLog> MaintenanceLogs => Set<MaintenanceLog>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DeviceCertificate> DeviceCertificates => Set<DeviceCertificate>();
    public DbSet<DeviceCommand> DeviceCommands => Set<DeviceCommand>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<AlarmEvent> AlarmEvents => Set<AlarmEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<EscalationContact> EscalationContacts => Set<EscalationContact>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ValmetalDbContext).Assembly);
}
