import { useLocation } from "@remix-run/react";
import { useEffect, useId, useState, type ReactNode } from "react";

/**
 * A part of the page that a phone keeps behind a button (the navigation behind
 * "Menu", the task list's filters behind "Lọc"). On wider screens, and without
 * JavaScript, it is simply shown: the button and the hiding exist only for narrow
 * screens with scripting (`.phone-toggle`, `.phone-collapsible` in app/tailwind.css),
 * so the page is laid out folded from its first paint. It folds again on every
 * navigation: the next page is what the user went for.
 */
export function usePhoneDisclosure(initiallyOpen = false) {
  const id = useId();
  const [open, setOpen] = useState(initiallyOpen);
  const location = useLocation();
  useEffect(() => {
    setOpen(initiallyOpen);
  }, [location.key, initiallyOpen]);
  return {
    open,
    toggle: () => setOpen((was) => !was),
    /** For the panel: its id (the button controls it) and whether it is open; add the class `phone-collapsible`. */
    panel: { id, "data-open": open ? "" : undefined },
  };
}

/** The button that opens and closes a phone disclosure's panel. */
export function PhoneToggle({
  open,
  onToggle,
  controls,
  children,
  className,
}: {
  open: boolean;
  onToggle: () => void;
  controls: string;
  children: ReactNode;
  className: string;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className={`phone-toggle ${className}`}
    >
      {children}
    </button>
  );
}
