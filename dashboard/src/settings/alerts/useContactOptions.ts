import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context';

export interface ContactOption {
  value: string;
  label: string;
}

/** The contacts' e-mail addresses and mobile numbers, to pick channel recipients from. */
export function useContactOptions(): { email: ContactOption[]; phone: ContactOption[] } {
  const api = useApi();
  const contacts = useQuery({ queryKey: ['contacts'], queryFn: () => api.contacts() });
  const list = contacts.data ?? [];
  return {
    email: list.flatMap((c) => (c.email ? [{ value: c.email, label: `${c.name} <${c.email}>` }] : [])),
    phone: list.flatMap((c) => (c.phone ? [{ value: c.phone, label: `${c.name} (${c.phone})` }] : [])),
  };
}
