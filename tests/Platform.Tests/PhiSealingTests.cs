using System.Security.Cryptography;
using System.Text.Json;
using Platform.Privacy;
using Platform.Testing;

namespace Platform.Tests;

/// <summary>PHI sealed with its subject's key where the platform stores and sends it, and unreadable once the key is gone.</summary>
public class PhiSealingTests
{
    public sealed record Identity([property: Phi] string Name, [property: Phi] DateOnly BirthDate, [property: Phi] string? Email);

    public sealed record Note(Guid CourseId, Identity Patient, [property: Phi] string Text, [property: Phi] IReadOnlyList<string> Themes, int Minutes) : IPhiRecord
    {
        Guid IPhiRecord.PhiSubject => CourseId;
    }

    public sealed record Unsubjected([property: Phi] string Text);

    private static readonly JsonSerializerOptions Store = Sealed();

    private static readonly JsonSerializerOptions Http = new(JsonSerializerDefaults.Web);

    public PhiSealingTests() => MemoryKeyRing.Install();

    private static JsonSerializerOptions Sealed()
    {
        var options = new JsonSerializerOptions();
        PhiSealing.SealIn(options);
        return options;
    }

    private static Note NoteOf(Guid course) =>
        new(course, new Identity("Rowan Canary", new DateOnly(1971, 3, 14), "rowan@example.org"), "canary note 7f3a", ["grief", "canary theme"], 50);

    [Fact]
    public void Stored_json_holds_no_phi_and_reads_back_whole()
    {
        var note = NoteOf(Guid.NewGuid());
        var json = JsonSerializer.Serialize(note, Store);

        foreach (var phi in new[] { "Rowan", "1971", "rowan@example.org", "canary note", "canary theme" })
        {
            Assert.DoesNotContain(phi, json, StringComparison.Ordinal);
        }

        Assert.Contains("\"Minutes\":50", json, StringComparison.Ordinal); // what is not PHI stays readable
        var read = JsonSerializer.Deserialize<Note>(json, Store)!;
        Assert.Equal(note.Patient, read.Patient);
        Assert.Equal(note.Text, read.Text);
        Assert.Equal(note.Themes, read.Themes);
    }

    [Fact]
    public void Http_answers_are_plain_json()
    {
        var json = JsonSerializer.Serialize(NoteOf(Guid.NewGuid()), Http);

        Assert.Contains("Rowan Canary", json, StringComparison.Ordinal);
        Assert.DoesNotContain(PhiSealing.Prefix, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_the_key_is_erased_every_copy_reads_as_erased_and_is_never_written_readable_again()
    {
        var course = Guid.NewGuid();
        var json = JsonSerializer.Serialize(NoteOf(course), Store);
        var copy = JsonSerializer.Serialize(NoteOf(course), Store);
        var other = JsonSerializer.Serialize(NoteOf(Guid.NewGuid()), Store);

        MemoryKeyRing.Instance.Erase(course);

        foreach (var erased in new[] { JsonSerializer.Deserialize<Note>(json, Store)!, JsonSerializer.Deserialize<Note>(copy, Store)! })
        {
            Assert.Equal(PhiSealing.ErasedText, erased.Text);
            Assert.Equal(PhiSealing.ErasedText, erased.Patient.Name);
            Assert.Equal(default, erased.Patient.BirthDate);
            Assert.Empty(erased.Themes);
            Assert.Equal(50, erased.Minutes);
        }

        // The other patient is untouched.
        Assert.Equal("canary note 7f3a", JsonSerializer.Deserialize<Note>(other, Store)!.Text);

        // A value still in memory for an erased subject (a rebuild, a late message) is stored as erased, not sealed or plain.
        var rewritten = JsonSerializer.Serialize(NoteOf(course), Store);
        Assert.DoesNotContain("Rowan", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain(PhiSealing.Prefix, rewritten, StringComparison.Ordinal);
        Assert.Contains(PhiSealing.ErasedText, rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_stored_before_sealing_are_read_as_they_were()
    {
        const string legacy = """{"CourseId":"0b8f5c52-6c1e-4a5e-9d4f-1b2c3d4e5f60","Patient":{"Name":"Old Name","BirthDate":"1960-01-02","Email":null},"Text":"old note","Themes":["a"],"Minutes":5}""";

        var read = JsonSerializer.Deserialize<Note>(legacy, Store)!;

        Assert.Equal("Old Name", read.Patient.Name);
        Assert.Equal(new DateOnly(1960, 1, 2), read.Patient.BirthDate);
        Assert.Equal("old note", read.Text);
        Assert.Equal(["a"], read.Themes);
    }

    [Fact]
    public void A_sealed_value_moved_to_another_subjects_record_does_not_open()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var sealedText = JsonSerializer.SerializeToElement(NoteOf(a), Store).GetProperty("Text").GetString()!;
        _ = JsonSerializer.Serialize(NoteOf(b), Store); // b has a key of its own

        // The subject travels inside the sealed value and is authenticated: naming another subject breaks the tag.
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(sealedText.AsSpan(PhiSealing.Prefix.Length));
        b.TryWriteBytes(bytes.AsSpan(0, 16));
        var moved = PhiSealing.Prefix + System.Buffers.Text.Base64Url.EncodeToString(bytes);

        Assert.ThrowsAny<CryptographicException>(() => PhiSealing.Open(moved));
    }

    [Fact]
    public void A_phi_value_outside_a_record_that_names_its_subject_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(new Unsubjected("loose"), Store));

        Assert.Contains("IPhiRecord", error.Message, StringComparison.Ordinal);
    }
}
