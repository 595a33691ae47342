using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data.Configurations;

public sealed class DeviceCertificateConfiguration : IEntityTypeConfiguration<DeviceCertificate>
{
    public void Configure(EntityTypeBuilder<DeviceCertificate> builder)
    {
        builder.Property(c => c.SerialNumber).HasMaxLength(64);
        builder.Property(c => c.CertificateSerial).HasMaxLength(64);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
        builder.Property(c => c.RevokedBySub).HasMaxLength(64);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(c => c.SerialNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CertificateSerial).IsUnique();
        // One active certificate per device: a new one is issued only after the old one is revoked.
        builder.HasIndex(c => c.SerialNumber).IsUnique().HasFilter("revoked_at is null");
    }
}
