import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppShell } from './app-shell';
import { AdminRoute } from './routes/admin';
import { CustomerRoute } from './routes/customer';
import { DashboardRoute } from './routes/dashboard';
import { DataQualityRoute } from './routes/data-quality';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <DashboardRoute /> },
      { path: 'admin', element: <AdminRoute /> },
      { path: 'customers/:customerId', element: <CustomerRoute /> },
      { path: 'data-quality', element: <DataQualityRoute /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
