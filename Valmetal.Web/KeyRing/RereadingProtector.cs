using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// The app's protectors, with one more try after <see cref="UnknownKeyRereads"/> has learnt a key another task created.
/// </summary>
internal sealed class RereadingProtector(IDataProtector inner, UnknownKeyRereads rereads) : IDataProtector
{
    public IDataProtector CreateProtector(string purpose) => new RereadingProtector(inner.CreateProtector(purpose), rereads);

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        try
        {
            return inner.Unprotect(protectedData);
        }
        catch (CryptographicException) when (rereads.TryLearnKey(protectedData))
        {
            return inner.Unprotect(protectedData);
        }
    }

    /// <summary>The provider the app resolves: each protector it creates is a <see cref="RereadingProtector"/>.</summary>
    public sealed class Provider(IDataProtectionProvider inner, UnknownKeyRereads rereads) : IDataProtectionProvider
    {
        public IDataProtector CreateProtector(string purpose) => new RereadingProtector(inner.CreateProtector(purpose), rereads);
    }
}
