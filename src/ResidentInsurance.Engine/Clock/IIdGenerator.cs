namespace ResidentInsurance.Engine.Clock;

/// <summary>Makes ids for instances, bookmarks, versions and messages. Injected, so tests can fix them.</summary>
public interface IIdGenerator
{
    string NewId();
}
