/**
 * A personal column as the server describes it from the annotations (src/platform/inventory.ts),
 * with labels in both languages: the console's inventory and the member app's privacy page.
 */
export interface Label {
  zh: string;
  en: string;
}

export interface PersonalColumn {
  table: string;
  column: string;
  category: { id: string; label: Label };
  purposes: { id: string; label: Label }[];
  legalBasis: { id: string; label: Label };
  sensitive: boolean;
  retention: Label;
  erasure: { action: 'delete' | 'anonymise' | 'keep-legal-hold'; label: Label };
  /** Sent to staff only. */
  note?: string;
}
