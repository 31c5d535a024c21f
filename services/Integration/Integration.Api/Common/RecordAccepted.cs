namespace Integration.Api.Common;

/// <summary>What a command on a course returns: the record it created or changed and the stream's new version (the ETag).</summary>
public sealed record RecordAccepted(Guid CourseId, Guid Id, long Version);
