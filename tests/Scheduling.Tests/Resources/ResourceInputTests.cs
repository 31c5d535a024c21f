namespace Scheduling.Tests;

public class ResourceInputTests
{
    [Fact]
    public void Medical_professional_needs_a_medical_kind()
    {
        var noKind = Medical() with { MedicalKind = null };
        Assert.Contains("medicalKind", new FieldErrors().StaffMember(noKind).ToDictionary().Keys);
        Assert.False(new FieldErrors().StaffMember(Medical()).Any);
    }
}
