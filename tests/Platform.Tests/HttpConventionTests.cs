using System.Security.Claims;
using Platform.Commands;
using Platform.ServiceDefaults.Identity;

namespace Platform.Tests;

public class HttpConventionTests
{
    [Theory]
    [InlineData("POST", "/screenings/{screeningId}/vitals", "postScreeningsByScreeningIdVitals")]
    [InlineData("GET", "/staff/{staffId:guid}/availability", "getStaffByStaffIdAvailability")]
    [InlineData("GET", "/board/{date}", "getBoardByDate")]
    [InlineData("PUT", "/courses/{courseId}/sessions/{sessionId}/check-in", "putCoursesByCourseIdSessionsBySessionIdCheckIn")]
    public void Operation_ids_follow_method_and_route(string method, string route, string expected) =>
        Assert.Equal(expected, PlatformOpenApi.OperationIdFor(method, route));

    [Fact]
    public void Pages_hand_out_a_cursor_until_the_last_page()
    {
        var errors = new FieldErrors();
        var first = PageRequest.From(2, null, errors);
        var page1 = first.Of([1, 2, 3]);
        var second = PageRequest.From(2, page1.Next, errors);
        var page2 = second.Of([3]);

        Assert.False(errors.Any);
        Assert.Equal([1, 2], page1.Items);
        Assert.Equal(2, second.Offset);
        Assert.Equal([3], page2.Items);
        Assert.Null(page2.Next);
    }

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(201, null, "limit")]
    [InlineData(10, "not-a-cursor", "cursor")]
    public void A_bad_limit_or_cursor_names_the_field(int limit, string? cursor, string field)
    {
        var errors = new FieldErrors();
        PageRequest.From(limit, cursor, errors);

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_clinician_id_is_the_guid_subject_or_a_stable_id_derived_from_it()
    {
        var guid = Guid.NewGuid();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "dr.okafor"), new Claim("role", "prescriber")], "test"));

        Assert.Equal(guid, Clinician.IdOf(guid.ToString()));
        Assert.Equal(Clinician.IdOf("dr.okafor"), Clinician.From(user).Id);
        Assert.Equal("prescriber", Clinician.From(user).Role);
        Assert.NotEqual(Clinician.IdOf("dr.okafor"), Clinician.IdOf("dr.okafor2"));
    }

    [Fact]
    public void Rule_statuses_default_to_422_and_follow_the_service_map()
    {
        var statuses = new RuleStatuses(new Dictionary<string, int> { ["X-NOT-FOUND"] = 404 });

        Assert.Equal(404, statuses.StatusOf("X-NOT-FOUND"));
        Assert.Equal(422, statuses.StatusOf("X-ANY-CLINICAL-RULE"));
    }
}
