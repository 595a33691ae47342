namespace Valmetal.TestSupport.ApiMatrix;

public enum Caller
{
    Anonymous,
    Farmer,
    Technician,
    Admin,
}

/// <summary>Whose data a request names: the caller's own farm or a farm neither the farmer nor the technician belongs to.</summary>
public enum Target
{
    Own,
    Foreign,
}

/// <summary>
/// What an operation needs besides the database to succeed. The API's own tests run without these (they answer 503 as
/// when down); the end-to-end suite runs them for real.
/// </summary>
public enum Needs
{
    DatabaseOnly,
    Broker,
    DeviceState,
    UserPool,
}
