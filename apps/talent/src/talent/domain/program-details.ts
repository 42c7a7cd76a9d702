import { parseLocalDate } from './local-date';
import { checkUuid, TalentError, TalentErrorCode } from './talent.error';

export interface ProgramDetailsInput {
  name: string;
  track: string;
  description?: string | null;
  capacity: number;
  startsOn: string;
  endsOn: string;
  sponsorEnterpriseIds?: string[] | null;
}

export interface ProgramDetails {
  name: string;
  track: string;
  description: string;
  capacity: number;
  startsOn: string;
  endsOn: string;
  sponsorEnterpriseIds: string[];
}

export const MAX_CAPACITY = 10_000;
export const MAX_SPONSORS = 20;

/** A program's details checked field by field: the first problem is refused, naming its field. */
export function checkProgramDetails(input: ProgramDetailsInput, tracks: readonly string[]): ProgramDetails {
  const name = input.name?.trim() ?? '';
  if (name.length < 1 || name.length > 200) invalid('name', 'name: 1 to 200 characters');
  const track = input.track?.trim() ?? '';
  if (!tracks.includes(track)) invalid('track', `track: one of ${tracks.join(', ')}`);
  const description = input.description?.trim() ?? '';
  if (description.length > 5000) invalid('description', 'description: at most 5000 characters');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) invalid('capacity', `capacity: a whole number of seats from 1 to ${MAX_CAPACITY}`);
  const startsOn = parseLocalDate('startsOn', input.startsOn);
  const endsOn = parseLocalDate('endsOn', input.endsOn);
  if (endsOn < startsOn) invalid('endsOn', 'endsOn: must not be before startsOn');
  const sponsors = [...new Set((input.sponsorEnterpriseIds ?? []).map((id) => checkUuid('sponsorEnterpriseIds', id)))];
  if (sponsors.length > MAX_SPONSORS) invalid('sponsorEnterpriseIds', `sponsorEnterpriseIds: at most ${MAX_SPONSORS} sponsors`);
  return { name, track, description, capacity: input.capacity, startsOn, endsOn, sponsorEnterpriseIds: sponsors.sort() };
}

function invalid(field: string, message: string): never {
  throw new TalentError(TalentErrorCode.InvalidInput, message, field);
}
