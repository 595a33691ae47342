namespace Valmetal.DevicePki;

public sealed record CertificateFiles(string CertificatePath, string PrivateKeyPath);
