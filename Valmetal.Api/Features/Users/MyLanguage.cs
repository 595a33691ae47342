using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Users;

/// <summary>The language a user chose with the web app's switch: saved, it wins over the browser's at every sign-in.</summary>
public static class MyLanguage
{
    public static async Task<Results<NoContent, ValidationProblem, NotFound>> Put(
        LanguageRequest request, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var saved = await db.Users.Where(u => u.Sub == user.Sub).ExecuteUpdateAsync(set => set.SetProperty(u => u.Language, request.Language), ct);
        return saved == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}

/// <summary>What the API accepts as a saved language (the record is shared with the web app).</summary>
public static class LanguageRules
{
    public static Validation Validate(this LanguageRequest request) => RequestLanguages.IsSupported(request.Language)
        ? new Validation()
        : new Validation().MustBeOneOf("language", RequestLanguages.All);
}
