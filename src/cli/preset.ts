/** The --preset, --rule and --override options of the commands: a preset label (see RunConfig.preset and core/overrides.ts). */
import { presetLabel } from "../core/overrides";
import { DeepPartial, LearningRuleName, Preset, PRESETS, RULE_SETTINGS } from "../core/params";
import { choiceOption, UsageError } from "./args";

export const PRESET_HELP = `  --preset NAME      ${Object.keys(PRESETS).join(" | ")} (default diehl-cook-2015)
  --rule RULE        ${Object.keys(RULE_SETTINGS).join(" | ")}: the preset with this learning rule's published
                     settings (results name it PRESET@RULE; default: the preset's own rule)
  --override JSON    change some of the preset's values, for exploration (a departure from the preset), e.g.
                     '{"exc":{"tauThetaMs":1e8}}'; results name it diehl-cook-2015+exc.tauThetaMs=100000000`;

/** The label of the preset the options ask for: --preset's name, with --override's values when given. */
export function presetOption(o: Record<string, unknown>): string {
  const name = choiceOption(o, "preset", "diehl-cook-2015", Object.keys(PRESETS));
  const rule = o.rule === undefined ? undefined : choiceOption(o, "rule", "triplet", Object.keys(RULE_SETTINGS) as LearningRuleName[]);
  if (o.override === undefined) return presetLabel(name, undefined, rule);
  let overrides: DeepPartial<Preset>;
  try {
    overrides = JSON.parse(String(o.override)) as DeepPartial<Preset>;
  } catch (e) {
    throw new UsageError(`--override must be a JSON object (e.g. '{"exc":{"tauThetaMs":1e8}}'): ${(e as Error).message}`);
  }
  try {
    return presetLabel(name, overrides, rule);
  } catch (e) {
    throw new UsageError(`--override: ${(e as Error).message}`);
  }
}
