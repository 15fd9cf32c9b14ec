/** Inline icons (no icon font or network request); decorative, so hidden from screen readers. */
import type { ReactNode } from 'react';

const stroke = {
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

const Icon = ({ children }: { children: ReactNode }) => (
  <svg width="24" height="24" viewBox="0 0 24 24" fill="none" aria-hidden="true">
    {children}
  </svg>
);

export const HomeIcon = () => (
  <Icon>
    <path {...stroke} d="M3.5 10.5 12 3.8l8.5 6.7V20a1 1 0 0 1-1 1h-5v-6h-5v6h-5a1 1 0 0 1-1-1z" />
  </Icon>
);

export const MeIcon = () => (
  <Icon>
    <circle {...stroke} cx="12" cy="8.2" r="4" />
    <path {...stroke} d="M4.5 20.5c.8-3.8 3.9-6 7.5-6s6.7 2.2 7.5 6" />
  </Icon>
);

export const BackIcon = () => (
  <Icon>
    <path {...stroke} d="M15 5 8 12l7 7" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <circle {...stroke} cx="12" cy="12" r="9" />
    <path {...stroke} d="M12 7.5v5.5M12 16.5v.01" />
  </Icon>
);

export const InboxIcon = () => (
  <Icon>
    <path {...stroke} d="M3.5 13.5 6 5h12l2.5 8.5V19a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1z" />
    <path {...stroke} d="M3.5 13.5H8l1.5 2.5h5l1.5-2.5h4.5" />
  </Icon>
);

export const ExternalIcon = () => (
  <Icon>
    <path {...stroke} d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </Icon>
);

export const ChevronIcon = () => (
  <Icon>
    <path {...stroke} d="m9 5 7 7-7 7" />
  </Icon>
);

export const ShieldIcon = () => (
  <Icon>
    <path {...stroke} d="M12 3.5 5 6v5.5c0 4.3 2.9 7.9 7 9 4.1-1.1 7-4.7 7-9V6z" />
    <path {...stroke} d="m9 12 2.2 2.2L15.5 10" />
  </Icon>
);

export const UpIcon = () => (
  <Icon>
    <path {...stroke} d="m6 15 6-6 6 6" />
  </Icon>
);

export const DownIcon = () => (
  <Icon>
    <path {...stroke} d="m6 9 6 6 6-6" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon>
    <circle {...stroke} cx="10.5" cy="10.5" r="6.5" />
    <path {...stroke} d="m15.5 15.5 5 5" />
  </Icon>
);
