namespace Scheduling.Tests;

public class FreeSlotQueryTests
{
    [Fact]
    public void Free_slot_search_range_is_bounded()
    {
        Assert.Contains("to", FreeSlotQuery.Validate(Now, Now.AddDays(90), 120, 15).ToDictionary().Keys);
        Assert.False(FreeSlotQuery.Validate(Now, Now.AddDays(31), 120, 15).Any);
    }
}
