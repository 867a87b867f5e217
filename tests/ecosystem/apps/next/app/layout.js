export const metadata = { title: 'lms-errors in Next.js' };

export default function RootLayout({ children }) {
  return (
    <html lang="en-GB">
      <body>{children}</body>
    </html>
  );
}
