using System.Diagnostics;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;

namespace Integration.Api.Common;

/// <summary>What a command on a course returns: the record it created or changed and the stream's new version (the ETag).</summary>
public sealed record RecordAccepted(Guid CourseId, Guid Id, long Version);

/// <summary>
/// The shared write path (<see cref="StreamCommands"/>) for the course outcome stream, answering with the id of the
/// record the command is about. An unknown course is a 404 rather than a rule violation: the client named a resource
/// that does not exist here (yet: the approval may still be on its way from Screening).
/// </summary>
public static class CourseCommands
{
    public static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        IDocumentSession session,
        HttpContext http,
        Guid courseId,
        Guid recordId,
        Func<CourseOutcome?, Decision> decide,
        CancellationToken cancellationToken)
    {
        var result = await StreamCommands.HandleAsync(session, http, courseId, decide, cancellationToken);
        return result.Result switch
        {
            Ok<CommandAccepted> ok => TypedResults.Ok(new RecordAccepted(courseId, recordId, ok.Value!.Version)),
            ProblemHttpResult problem when IsCourseNotOpen(problem) => Problems.NotFound($"Course {courseId}"),
            ProblemHttpResult problem => problem,
            _ => throw new UnreachableException("StreamCommands returns Ok or a problem."),
        };
    }

    private static bool IsCourseNotOpen(ProblemHttpResult problem) =>
        problem.ProblemDetails.Extensions.TryGetValue(Problems.RuleIdKey, out var rule)
        && rule as string == CourseOutcomeRules.CourseNotOpen;
}
