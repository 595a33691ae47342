using Microsoft.AspNetCore.Http.HttpResults;

namespace Valmetal.Api.Infrastructure;

public static class ValidationExtensions
{
    public static ValidationProblem ToProblem(this Validation validation) => TypedResults.ValidationProblem(validation.Errors);
}
