using Valmetal.Api.Security;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Security;

public sealed class RolesTests
{
    [Theory]
    [InlineData(Role.Admin, CognitoGroups.Farmers, CognitoGroups.Admins, CognitoGroups.Technicians)]
    [InlineData(Role.Technician, CognitoGroups.Farmers, CognitoGroups.Technicians)]
    [InlineData(Role.Farmer, CognitoGroups.Farmers)]
    [InlineData(Role.Farmer, "beta-testers", CognitoGroups.Farmers)]
    [InlineData(Role.None, "beta-testers")]
    [InlineData(Role.None)]
    public void The_strongest_known_group_is_the_role(Role expected, params string[] groups) =>
        Assert.Equal(expected, Roles.FromGroups(groups));

    [Theory]
    [InlineData("Admins")]
    [InlineData("ADMINS")]
    [InlineData(" admins")]
    public void A_group_named_almost_like_a_role_grants_nothing(string group) =>
        Assert.Equal(Role.None, Roles.FromGroups([group]));

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Technician)]
    [InlineData(Role.Farmer)]
    public void A_role_and_its_group_round_trip(Role role) =>
        Assert.Equal(role, Roles.FromGroups([role.ToGroup()]));

    [Fact]
    public void No_role_has_no_group() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Role.None.ToGroup());
}
