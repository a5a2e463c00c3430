/**
 * English strings of the "Create QuickBooks invoice" workflow action (W2): its labels in HubSpot's
 * workflow editor and the reasons an execution fails ({detail} names the value or record at fault).
 */
export const workflowEn = {
  "workflow.actionName": "Create QuickBooks invoice",
  "workflow.actionDescription":
    "Creates an invoice in QuickBooks Online from this deal and its line items, through Ledgerlink.",
  "workflow.actionCardContent": "Create a QuickBooks invoice ({{send}})",
  "workflow.input.qbo_company": "QuickBooks company",
  "workflow.input.terms": "Payment terms",
  "workflow.input.due_in_days": "Due in (days)",
  "workflow.input.send": "Send or leave unsent",
  "workflow.input.message": "Message to the customer",
  "workflow.inputDescription.qbo_company": "The QuickBooks company the invoice is created in.",
  "workflow.inputDescription.terms":
    "The name of a QuickBooks term, such as Net 30. Empty: the customer's or company's default.",
  "workflow.inputDescription.due_in_days":
    "Days from the invoice date to the due date. Empty: follow the terms.",
  "workflow.inputDescription.send":
    "Send e-mails the invoice from QuickBooks; leave unsent keeps it awaiting send.",
  "workflow.inputDescription.message": "Printed on the invoice.",
  "workflow.send.leave_unsent": "Leave unsent (awaiting send)",
  "workflow.send.send": "Send to the customer",
  "workflow.output.qbo_invoice_number": "Invoice number",
  "workflow.output.qbo_invoice_id": "QuickBooks invoice ID",
  "workflow.output.qbo_invoice_status": "Invoice status",
  "workflow.error.not_connected": "Ledgerlink is not connected to this HubSpot account.",
  "workflow.error.missing_company": "Choose the QuickBooks company in the action.",
  "workflow.error.unknown_company":
    "The QuickBooks company {detail} is not connected to Ledgerlink (or needs reconnecting).",
  "workflow.error.bad_send": '"{detail}" is not a choice of Send or leave unsent.',
  "workflow.error.bad_due_in_days": 'Due in (days) must be a whole number from 0 to 3650, not "{detail}".',
  "workflow.error.bad_terms": "The payment terms are longer than 100 characters: {detail}",
  "workflow.error.bad_message": "The message is {detail} characters long; QuickBooks keeps at most 1000.",
  "workflow.error.unknown_terms": 'QuickBooks has no active payment term named "{detail}".',
  "workflow.error.no_customer": "The deal has no associated contact or company to bill.",
  "workflow.error.ambiguous_customer":
    "Several QuickBooks customers match the deal's contact ({detail}); create this invoice from the deal's card instead.",
  "workflow.error.sync_filter":
    "The contact does not meet the contact sync filters, so no QuickBooks customer was created ({detail}).",
  "workflow.error.no_lines": "The deal has no line items to invoice.",
  "workflow.error.unmapped_line":
    'The line item "{detail}" matches no QuickBooks product or service. Link its product to a QuickBooks item.',
  "workflow.error.no_tax_code":
    'The QuickBooks item "{detail}" has no default sales tax code; set one in QuickBooks.',
  "workflow.error.custom_numbers":
    "Custom transaction numbers are on in {detail}; turn them off in QuickBooks to create invoices.",
  "workflow.error.no_email": "The invoice cannot be sent: {detail} has no e-mail address.",
  "workflow.error.qbo_refused": "QuickBooks refused the invoice: {detail}",
  "workflow.error.hubspot_failed": "Ledgerlink could not read the deal from HubSpot: {detail}",
} as const;
