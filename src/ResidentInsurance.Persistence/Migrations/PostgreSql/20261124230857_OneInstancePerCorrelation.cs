using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResidentInsurance.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OneInstancePerCorrelation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Instances started twice with one correlation id before this index existed keep their data; the later ones get a suffixed id.
            migrationBuilder.Sql("UPDATE workflow_instances SET \"CorrelationId\" = \"CorrelationId\" || '#' || \"Id\" WHERE \"CorrelationId\" IS NOT NULL AND \"Id\" NOT IN (SELECT MIN(\"Id\") FROM workflow_instances WHERE \"CorrelationId\" IS NOT NULL GROUP BY \"DefinitionId\", \"CorrelationId\");");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_instances_DefinitionId_CorrelationId",
                table: "workflow_instances",
                columns: new[] { "DefinitionId", "CorrelationId" },
                unique: true,
                filter: "\"CorrelationId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_instances_DefinitionId_CorrelationId",
                table: "workflow_instances");
        }
    }
}
