namespace Valmetal.AppHost.Pki;

public sealed record CertificateFiles(string CertificatePath, string PrivateKeyPath);
