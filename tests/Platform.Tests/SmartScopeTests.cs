using System.Security.Claims;
using Microsoft.AspNetCore.Routing.Patterns;
using Platform.Fhir;

namespace Platform.Tests;

public class SmartScopeTests
{
    [Theory]
    [InlineData("system/Observation.rs", "system", "Observation", "rs")]
    [InlineData("user/*.cruds", "user", "*", "cruds")]
    [InlineData("user/Patient.read", "user", "Patient", "rs")]
    [InlineData("user/Patient.write", "user", "Patient", "cud")]
    [InlineData("system/*.*", "system", "*", "cruds")]
    [InlineData("patient/Observation.rs", "patient", "Observation", "rs")]
    public void Scopes_of_smart_v1_and_v2_are_read(string scope, string context, string type, string permissions) =>
        Assert.Equal(new SmartScope(context, type, permissions), SmartScope.Parse(scope));

    [Theory]
    [InlineData("openid")]
    [InlineData("offline_access")]
    [InlineData("user/Patient")]
    [InlineData("user/Patient.")]
    [InlineData("user/.rs")]
    [InlineData("admin/Patient.rs")]
    [InlineData("user/Patient.sr")]
    [InlineData("user/Patient.rr")]
    [InlineData("user/Patient.x")]
    [InlineData("user/Pat-ient.rs")]
    public void Anything_else_is_not_a_smart_scope(string scope) => Assert.Null(SmartScope.Parse(scope));

    [Theory]
    [InlineData("GET", "/fhir/Observation", "Observation", 's')]
    [InlineData("GET", "/fhir/Observation/{id}", "Observation", 'r')]
    [InlineData("POST", "/fhir/ServiceRequest", "ServiceRequest", 'c')]
    [InlineData("POST", "/fhir/Observation/_search", "Observation", 's')]
    [InlineData("PUT", "/fhir/Patient/{id}", "Patient", 'u')]
    [InlineData("DELETE", "/fhir/Patient/{id}", "Patient", 'd')]
    [InlineData("GET", "/fhir/Patient/{id}/$everything", "Patient", 'r')]
    public void Each_fhir_route_needs_one_permission_on_its_type(string method, string route, string type, char permission) =>
        Assert.Equal((type, permission), SmartScopes.Required(RoutePatternFactory.Parse(route), method));

    [Theory]
    [InlineData("/fhir/metadata")]
    [InlineData("/screenings/{id}")]
    public void Other_routes_need_no_scope(string route) => Assert.Null(SmartScopes.Required(RoutePatternFactory.Parse(route), "GET"));

    [Fact]
    public void Patient_context_scopes_grant_nothing_without_a_launch_context()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "patient/*.cruds openid")], "Bearer"));

        Assert.False(SmartScopes.Allows(user, "Observation", 'r'));
    }

    [Fact]
    public void Space_separated_scopes_in_one_claim_are_each_read()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "openid system/Flag.s system/Observation.rs")], "Bearer"));

        Assert.True(SmartScopes.Allows(user, "Observation", 'r'));
        Assert.True(SmartScopes.Allows(user, "Flag", 's'));
        Assert.False(SmartScopes.Allows(user, "Flag", 'r'));
    }
}
