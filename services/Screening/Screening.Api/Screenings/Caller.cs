namespace Screening.Api.Screenings;

/// <summary>Who is calling: the JWT subject, recorded on every fact and decision.</summary>
internal static class Caller
{
    public static string Id(HttpContext http) => http.User.FindFirst("sub")!.Value;
}
