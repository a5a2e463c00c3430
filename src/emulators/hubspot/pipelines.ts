/**
 * The default deal pipeline every portal starts with ("Sales Pipeline", id `default`), with
 * HubSpot's stage ids and win probabilities. Deal `dealstage` options come from here.
 */
export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  probability: string;
  isClosed: boolean;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

const stage = (id: string, label: string, displayOrder: number, probability: string): PipelineStage => ({
  id,
  label,
  displayOrder,
  probability,
  isClosed: probability === "1.0" || probability === "0.0",
});

export const DEFAULT_DEAL_PIPELINE: Pipeline = {
  id: "default",
  label: "Sales Pipeline",
  displayOrder: 0,
  stages: [
    stage("appointmentscheduled", "Appointment Scheduled", 0, "0.2"),
    stage("qualifiedtobuy", "Qualified To Buy", 1, "0.4"),
    stage("presentationscheduled", "Presentation Scheduled", 2, "0.6"),
    stage("decisionmakerboughtin", "Decision Maker Bought-In", 3, "0.8"),
    stage("contractsent", "Contract Sent", 4, "0.9"),
    stage("closedwon", "Closed Won", 5, "1.0"),
    stage("closedlost", "Closed Lost", 6, "0.0"),
  ],
};

export function dealStage(stageId: string): PipelineStage | undefined {
  return DEFAULT_DEAL_PIPELINE.stages.find((s) => s.id === stageId);
}

/** The wire shape of `GET /crm/v3/pipelines/deals` entries; timestamps are the portal's creation. */
export function pipelineJson(pipeline: Pipeline, createdAt: string) {
  return {
    label: pipeline.label,
    displayOrder: pipeline.displayOrder,
    id: pipeline.id,
    stages: pipeline.stages.map((s) => ({
      label: s.label,
      displayOrder: s.displayOrder,
      metadata: { isClosed: String(s.isClosed), probability: s.probability },
      id: s.id,
      createdAt,
      updatedAt: createdAt,
      archived: false,
      writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
    })),
    createdAt,
    updatedAt: createdAt,
    archived: false,
  };
}
