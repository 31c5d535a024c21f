namespace Platform.Messaging;

/// <summary>The clinic travels with every message: the relay stamps it, consumers act in it.</summary>
public static class ClinicMessages
{
    /// <summary>Stamps an outgoing message with the clinic of the event it carries.</summary>
    public static void Stamp(PublishContext message, string clinic)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Headers.Set(ClinicScope.MessageHeader, clinic);
    }
}

/// <summary>Applies every consumed message in the clinic its header names; a message without one is never guessed.</summary>
public sealed class ClinicFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var clinic = context.Headers.Get<string>(ClinicScope.MessageHeader);
        if (!ClinicScope.IsWellFormed(clinic))
        {
            throw new MissingClinicException($"{typeof(T).Name} {context.MessageId} names no clinic ({ClinicScope.MessageHeader} header).");
        }

        using (ClinicScope.Enter(clinic!))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("clinic");
}

/// <summary>A message that names no clinic: retrying cannot fix it, so it goes straight to the error queue.</summary>
public sealed class MissingClinicException(string message) : Exception(message);
