using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Valmetal.DeviceState;

public static class DeviceStateTable
{
    /// <summary>Local stack only; in AWS the table is declared by Valmetal.Cdk (on-demand, point-in-time recovery).</summary>
    public static async Task EnsureExistsAsync(IAmazonDynamoDB dynamo, string tableName, CancellationToken ct)
    {
        try
        {
            await dynamo.DescribeTableAsync(tableName, ct);
        }
        catch (ResourceNotFoundException)
        {
            try
            {
                await dynamo.CreateTableAsync(new CreateTableRequest
                {
                    TableName = tableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions = [new AttributeDefinition(DeviceStateAttributes.Thing, ScalarAttributeType.S)],
                    KeySchema = [new KeySchemaElement(DeviceStateAttributes.Thing, KeyType.HASH)],
                }, ct);
            }
            catch (ResourceInUseException)
            {
                // Another replica created it first: exactly what we wanted.
            }
        }
    }
}
