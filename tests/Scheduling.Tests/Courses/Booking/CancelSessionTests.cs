namespace Scheduling.Tests;

public class CancelSessionTests
{
    [Fact]
    public void Cancelling_within_24_hours_is_late_and_earlier_is_not()
    {
        var soon = Guid.NewGuid();
        var later = Guid.NewGuid();
        var course = BookDosing(BookDosing(Prepared(), soon, Now.AddHours(23)), later, Now.AddHours(72));

        var lateCancel = Assert.IsType<BookingCancelled>(Assert.Single(
            CancelSession.Decide(new CancelSession(soon, "flu", CancellationInitiator.Patient), course, At(Now), Protocol).Events));
        var earlyCancel = Assert.IsType<BookingCancelled>(Assert.Single(
            CancelSession.Decide(new CancelSession(later, "travel", CancellationInitiator.Patient), course, At(Now), Protocol).Events));

        Assert.True(lateCancel.LateCancellation);
        Assert.False(earlyCancel.LateCancellation);
        var cancelled = Apply(course, lateCancel);
        Assert.Empty(CancelSession.Decide(new CancelSession(soon, "flu", CancellationInitiator.Patient), cancelled, At(Now), Protocol).Events);
    }
}
