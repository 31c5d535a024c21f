using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>Assertions that text carries none of a patient's values.</summary>
public static partial class PhiAssert
{
    /// <summary>
    /// <paramref name="value"/> is nowhere in <paramref name="text"/> outside its ids and pseudonymous keys: a random
    /// key's hex digits may spell a birth year ("…aef3d19853be" failed a CI run on "1985"), which is no disclosure.
    /// </summary>
    public static void NotOutsideKeys(string value, string text) =>
        Xunit.Assert.DoesNotContain(value, Keys().Replace(text, "key"), StringComparison.Ordinal);

    [GeneratedRegex("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")]
    private static partial Regex Keys();
}
