using System.Globalization;
using System.Text;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests;

public sealed class SignInTests
{
    private static readonly SignInErrors Errors = new(ResxText.For<SignInErrors>());

    [Theory]
    [InlineData("NotAuthorizedException", "Incorrect username or password.", SignInErrors.WrongCredentials)]
    [InlineData("UserNotFoundException", "User does not exist.", SignInErrors.WrongCredentials)]
    [InlineData("InvalidPasswordException", "Invalid password", SignInErrors.WrongCredentials)]
    [InlineData("NotAuthorizedException", "Password attempts exceeded", SignInErrors.LockedOut)]
    [InlineData("TooManyRequestsException", "Rate exceeded", SignInErrors.LockedOut)]
    [InlineData("NotAuthorizedException", "User is disabled.", SignInErrors.Disabled)]
    [InlineData("InternalErrorException", "boom", SignInErrors.Unavailable)]
    public void Cognito_refusals_map_to_what_the_user_is_told(string type, string message, string expected)
    {
        var code = SignInErrors.FromCognito(new CognitoException(type, message, 400));

        Assert.Equal(expected, code);
        Assert.False(string.IsNullOrWhiteSpace(Errors.Message(code)));
    }

    [Fact]
    public void The_user_is_told_in_their_language()
    {
        var language = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("That password is too weak. Use at least 12 characters, with upper and lower case letters, a digit and a symbol.", Errors.Message(SignInErrors.Policy));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
            Assert.Equal("Courriel ou mot de passe incorrect.", Errors.Message(SignInErrors.WrongCredentials));
        }
        finally
        {
            CultureInfo.CurrentUICulture = language;
        }
    }

    [Theory]
    [InlineData("/equipment/VM-FM-24001", "/equipment/VM-FM-24001")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Only_local_return_urls_are_followed_after_sign_in(string? requested, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(requested));

    [Fact]
    public void Token_expiry_is_read_from_the_exp_claim()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"sub":"u1","exp":1795842315}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var expiry = TokenExpiry.Of($"eyJhbGciOiJub25lIn0.{payload}.sig", TimeProvider.System);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795842315), expiry);
    }
}
